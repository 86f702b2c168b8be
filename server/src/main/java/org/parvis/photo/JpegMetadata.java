package org.parvis.photo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.parvis.photo.PhotoContent.MalformedImage;

/**
 * A JPEG without its metadata: the segments before and between the scans are copied except APP1
 * (EXIF, with the GPS position, and XMP), APP3 to APP13 and APP15 (maker notes, IPTC), APP2 other
 * than the colour profile, and comments; the entropy-coded data is copied as it is; anything after
 * the end-of-image marker (some phones append a trailer) is dropped.
 */
final class JpegMetadata {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP0 = 0xE0;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;
  private static final int COM = 0xFE;
  private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

  private JpegMetadata() {}

  static byte[] strip(byte[] in) throws MalformedImage {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(0xFF);
    out.write(SOI);
    int at = 2;
    while (true) {
      if (at + 1 >= in.length || (in[at] & 0xFF) != 0xFF) throw new MalformedImage("JPEG segment expected at " + at);
      while (at + 1 < in.length && (in[at + 1] & 0xFF) == 0xFF) at++; // fill bytes
      if (at + 1 >= in.length) throw new MalformedImage("JPEG ends in fill bytes");
      int marker = in[at + 1] & 0xFF;
      if (marker == EOI) {
        out.write(0xFF);
        out.write(EOI);
        return out.toByteArray();
      }
      if (at + 3 >= in.length) throw new MalformedImage("JPEG segment cut short");
      int length = ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
      int end = at + 2 + length;
      if (length < 2 || end > in.length) throw new MalformedImage("JPEG segment longer than the file");
      if (keeps(in, marker, at + 4)) out.write(in, at, end - at);
      at = end;
      if (marker == SOS) {
        int scanEnd = endOfScan(in, at);
        out.write(in, at, scanEnd - at);
        at = scanEnd;
      }
    }
  }

  private static boolean keeps(byte[] in, int marker, int payload) {
    if (marker == COM) return false;
    if (marker < APP0 || marker > APP0 + 15) return true;
    if (marker == APP2) return PhotoContent.startsWith(in, payload, ICC_PROFILE);
    return marker == APP0 || marker == APP14;
  }

  /** The first marker after entropy-coded data that is neither a stuffed 0xFF nor a restart marker. */
  private static int endOfScan(byte[] in, int at) throws MalformedImage {
    for (int i = at; i + 1 < in.length; i++) {
      if ((in[i] & 0xFF) != 0xFF) continue;
      int next = in[i + 1] & 0xFF;
      if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) return i;
    }
    throw new MalformedImage("JPEG scan without an end");
  }
}
