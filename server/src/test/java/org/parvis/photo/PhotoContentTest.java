package org.parvis.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.parvis.sync.Verdict;

/** Content sniffing and metadata stripping, on pictures made here and given the metadata phones add. */
class PhotoContentTest {

  @Test
  void aJpegWithAGpsExifBlockComesOutWithoutItAndStillShowsTheSamePicture() throws IOException {
    byte[] plain = picture("jpg");
    byte[] withGps = insertAfter(plain, 2, jpegSegment(0xE1, exifWithGps()), jpegSegment(0xFE, ascii("Pris chez Sylvie")));
    assertThat(contains(withGps, ascii("Exif"))).isTrue();

    Verdict<PhotoContent.CleanPhoto> clean = PhotoContent.clean(withGps);

    assertThat(clean.isAllowed()).isTrue();
    assertThat(clean.value().mediaType()).isEqualTo("image/jpeg");
    byte[] out = clean.value().bytes();
    assertThat(contains(out, ascii("Exif"))).as("EXIF segment").isFalse();
    assertThat(contains(out, ascii("43N"))).as("GPS latitude").isFalse();
    assertThat(contains(out, ascii("Sylvie"))).as("comment").isFalse();
    assertThat(out).isEqualTo(plain);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out));
    assertThat(decoded.getWidth()).isEqualTo(40);
    assertThat(decoded.getHeight()).isEqualTo(30);
  }

  @Test
  void aTrailerAfterTheEndOfAJpegIsDropped() throws IOException {
    byte[] plain = picture("jpg");
    byte[] trailed = insertAfter(plain, plain.length, ascii("SEFT trailer 43N 3E"));

    assertThat(PhotoContent.clean(trailed).value().bytes()).isEqualTo(plain);
  }

  @Test
  void aPngLosesItsTextAndExifChunksAndKeepsItsPixels() throws IOException {
    byte[] plain = picture("png");
    byte[] tagged = insertAfter(plain, 33, pngChunk("tEXt", ascii("Comment\0Pris chez Sylvie")),
        pngChunk("eXIf", exifWithGps()));

    byte[] out = PhotoContent.clean(tagged).value().bytes();

    assertThat(PhotoContent.sniff(tagged)).isEqualTo("image/png");
    assertThat(out).isEqualTo(plain);
    assertThat(ImageIO.read(new ByteArrayInputStream(out)).getWidth()).isEqualTo(40);
  }

  @Test
  void aWebpLosesItsExifAndXmpChunksAndTheFlagsThatAnnouncedThem() {
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP, alpha
    byte[] webp = riff(riffChunk("VP8X", vp8x), riffChunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4}),
        riffChunk("EXIF", exifWithGps()), riffChunk("XMP ", ascii("<x:xmpmeta>43N</x:xmpmeta>")));

    byte[] out = PhotoContent.clean(webp).value().bytes();

    assertThat(PhotoContent.sniff(webp)).isEqualTo("image/webp");
    assertThat(out).isEqualTo(riff(riffChunk("VP8X", new byte[] {0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        riffChunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4})));
    assertThat(ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(out.length - 8);
  }

  @Test
  void whatIsNotAJpegPngOrWebpIsRefusedWhateverItsName() throws IOException {
    ByteArrayOutputStream gif = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "gif", gif);
    for (byte[] notAPhoto : new byte[][] {
        ascii("<html><script>alert(1)</script></html>"), ascii("%PDF-1.7"), gif.toByteArray(), new byte[0],
        ascii("RIFF\0\0\0\0WAVEfmt ")}) {
      Verdict<PhotoContent.CleanPhoto> verdict = PhotoContent.clean(notAPhoto);
      assertThat(verdict.isAllowed()).isFalse();
      assertThat(verdict.rejection().code()).isEqualTo("photo_not_image");
      assertThat(verdict.rejection().field()).isEqualTo("photo");
    }
  }

  @Test
  void aFileThatStartsLikeAJpegButIsCutShortIsRefused() throws IOException {
    byte[] plain = picture("jpg");
    byte[] cut = java.util.Arrays.copyOf(plain, 200);

    assertThat(PhotoContent.clean(cut).rejection().code()).isEqualTo("photo_not_image");
    assertThat(PhotoContent.clean(java.util.Arrays.copyOf(picture("png"), 40)).rejection().code()).isEqualTo("photo_not_image");
  }

  static byte[] picture(String format) throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) for (int y = 0; y < 30; y++) image.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** "Exif\0\0" and a big-endian TIFF whose IFD0 points at a GPS IFD holding a latitude of 43N. */
  static byte[] exifWithGps() {
    ByteBuffer tiff = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
    tiff.put(ascii("Exif\0\0"));
    int base = tiff.position();
    tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
    tiff.putShort((short) 1).putShort((short) 0x0001).putShort((short) 2).putInt(4).put(ascii("43N\0")).putInt(0);
    assertThat(tiff.position() - base).isEqualTo(44);
    return java.util.Arrays.copyOf(tiff.array(), tiff.position());
  }

  static byte[] jpegSegment(int marker, byte[] payload) {
    int length = payload.length + 2;
    return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
  }

  private static byte[] pngChunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(ascii(type));
    crc.update(data);
    return concat(ByteBuffer.allocate(8).putInt(data.length).put(ascii(type)).array(), data,
        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] riffChunk(String type, byte[] data) {
    byte[] header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(ascii(type)).putInt(data.length).array();
    return concat(header, data, new byte[data.length % 2]);
  }

  private static byte[] riff(byte[]... chunks) {
    byte[] body = concat(chunks);
    return concat(ascii("RIFF"), ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length + 4).array(),
        ascii("WEBP"), body);
  }

  static byte[] insertAfter(byte[] bytes, int at, byte[]... inserted) {
    return concat(java.util.Arrays.copyOf(bytes, at), concat(inserted), java.util.Arrays.copyOfRange(bytes, at, bytes.length));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) out.writeBytes(part);
    return out.toByteArray();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) if (bytes[i + j] != part[j]) continue outer;
      return true;
    }
    return false;
  }
}
