package org.parvis.photo;

import java.util.Arrays;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/**
 * What an uploaded file is, decided by its first bytes and never by its name or declared type, and
 * the same picture without what it says about where and by what it was taken: JPEG, PNG or WebP,
 * anything else refused {@code photo_not_image}. The pixels are copied as they are (no decoding, so
 * no decompression bomb and no loss): only metadata segments and chunks are left out.
 */
public final class PhotoContent {

  /** A picture fit to be served: its media type and its bytes without metadata. */
  public record CleanPhoto(String mediaType, byte[] bytes) {}

  /** Thrown by the format readers when the bytes start like a format but do not follow it. */
  static final class MalformedImage extends Exception {
    MalformedImage(String message) {
      super(message, null, false, false);
    }
  }

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
  private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

  private PhotoContent() {}

  /** The media type the bytes are, by their magic number, or null. */
  public static String sniff(byte[] bytes) {
    if (startsWith(bytes, 0, JPEG)) return "image/jpeg";
    if (startsWith(bytes, 0, PNG)) return "image/png";
    if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return "image/webp";
    return null;
  }

  public static Verdict<CleanPhoto> clean(byte[] bytes) {
    String type = sniff(bytes);
    if (type == null) {
      return notImage("The file is not a JPEG, PNG or WebP picture.");
    }
    try {
      byte[] stripped = switch (type) {
        case "image/jpeg" -> JpegMetadata.strip(bytes);
        case "image/png" -> PngMetadata.strip(bytes);
        default -> WebpMetadata.strip(bytes);
      };
      return Verdict.allow(new CleanPhoto(type, stripped));
    } catch (MalformedImage e) {
      return notImage("The file starts like a picture but is not a readable one: " + e.getMessage());
    }
  }

  private static Verdict<CleanPhoto> notImage(String message) {
    return Verdict.refuse(new Rejection("photo_not_image", message, "photo"));
  }

  static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    return bytes.length >= offset + prefix.length
        && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
  }
}
