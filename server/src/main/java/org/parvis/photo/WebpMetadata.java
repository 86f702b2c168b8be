package org.parvis.photo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.parvis.photo.PhotoContent.MalformedImage;

/**
 * A WebP without its metadata: the RIFF chunks are copied except EXIF and XMP, the extended
 * header's flags that announce them are cleared, and the RIFF size is set to what is left.
 */
final class WebpMetadata {

  private static final int HEADER = 12;
  private static final int FLAG_XMP = 0x04;
  private static final int FLAG_EXIF = 0x08;

  private WebpMetadata() {}

  static byte[] strip(byte[] in) throws MalformedImage {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream(in.length);
    long riffEnd = Math.min(in.length, 8 + littleEndian(in, 4));
    int at = HEADER;
    while (at + 8 <= riffEnd) {
      String type = new String(in, at, 4, StandardCharsets.ISO_8859_1);
      long size = littleEndian(in, at + 4);
      long end = at + 8 + size + (size & 1);
      if (at + 8 + size > in.length) throw new MalformedImage("WebP chunk longer than the file");
      end = Math.min(end, in.length);
      if (!type.equals("EXIF") && !type.equals("XMP ")) chunks.write(in, at, (int) (end - at));
      at = (int) end;
    }
    if (chunks.size() == 0) throw new MalformedImage("WebP without chunks");
    byte[] body = chunks.toByteArray();
    // The extended header, when there is one, is the first chunk: its flags must not announce what is gone.
    if (body.length > 8 && body[0] == 'V' && body[1] == 'P' && body[2] == '8' && body[3] == 'X') {
      body[8] &= (byte) ~(FLAG_EXIF | FLAG_XMP);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + body.length);
    out.write(in, 0, 4);
    int riffSize = 4 + body.length;
    out.write(riffSize & 0xFF);
    out.write((riffSize >> 8) & 0xFF);
    out.write((riffSize >> 16) & 0xFF);
    out.write((riffSize >> 24) & 0xFF);
    out.write(in, 8, 4);
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  private static long littleEndian(byte[] in, int at) throws MalformedImage {
    if (at + 4 > in.length) throw new MalformedImage("WebP cut short");
    return (in[at] & 0xFFL) | ((in[at + 1] & 0xFFL) << 8) | ((in[at + 2] & 0xFFL) << 16) | ((in[at + 3] & 0xFFL) << 24);
  }
}
