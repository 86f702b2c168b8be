package org.parvis.photo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.parvis.photo.PhotoContent.MalformedImage;

/**
 * A PNG without its metadata: every chunk is copied (with its CRC) except the text chunks (tEXt,
 * zTXt, iTXt, where XMP lives too), eXIf and tIME; nothing after IEND.
 */
final class PngMetadata {

  private static final Set<String> DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");
  private static final int SIGNATURE = 8;

  private PngMetadata() {}

  static byte[] strip(byte[] in) throws MalformedImage {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(in, 0, SIGNATURE);
    int at = SIGNATURE;
    while (at + 8 <= in.length) {
      long length = ((in[at] & 0xFFL) << 24) | ((in[at + 1] & 0xFF) << 16) | ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
      long end = at + 12 + length;
      if (end > in.length) throw new MalformedImage("PNG chunk longer than the file");
      String type = new String(in, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (!DROPPED.contains(type)) out.write(in, at, (int) (end - at));
      at = (int) end;
      if (type.equals("IEND")) return out.toByteArray();
    }
    throw new MalformedImage("PNG without IEND");
  }
}
