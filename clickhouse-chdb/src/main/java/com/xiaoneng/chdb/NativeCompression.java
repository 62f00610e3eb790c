package com.xiaoneng.chdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * ClickHouse's own compressed-block framing, used on HTTP with {@code compress=1} (response) and
 * {@code decompress=1} (request body), which the JDBC driver asks for by default. A block is
 * a 16-byte CityHash128 v1.0.2 checksum, a method byte, compressed size (with the 9-byte header)
 * and uncompressed size, both little-endian int32, then the payload.
 *
 * <p>Responses are written as LZ4 blocks holding one literal run: valid LZ4 that costs no CPU,
 * which is what loopback wants; requests may carry real LZ4 or uncompressed blocks.
 */
final class NativeCompression {

    private static final int METHOD_NONE = 0x02;
    private static final int METHOD_LZ4 = 0x82;
    private static final int HEADER = 9;
    private static final int CHECKSUM = 16;
    /** ClickHouse's max_compress_block_size. */
    private static final int BLOCK = 1 << 20;

    private NativeCompression() {
    }

    /** Writes {@code data} as compressed blocks to {@code out}. */
    static void write(byte[] data, OutputStream out) throws IOException {
        int largest = Math.min(BLOCK, data.length);
        byte[] frame = new byte[CHECKSUM + HEADER + 2 + largest / 255 + largest];
        for (int pos = 0; pos < data.length; pos += BLOCK) {
            int n = Math.min(BLOCK, data.length - pos);
            int p = CHECKSUM;
            frame[p++] = (byte) METHOD_LZ4;
            p += 8;
            frame[p++] = (byte) (Math.min(n, 15) << 4);
            if (n >= 15) {
                int rest = n - 15;
                for (; rest >= 255; rest -= 255) {
                    frame[p++] = (byte) 255;
                }
                frame[p++] = (byte) rest;
            }
            System.arraycopy(data, pos, frame, p, n);
            p += n;
            putInt(frame, CHECKSUM + 1, p - CHECKSUM);
            putInt(frame, CHECKSUM + 5, n);
            long[] checksum = CityHash128.hash(frame, CHECKSUM, p - CHECKSUM);
            putLong(frame, 0, checksum[0]);
            putLong(frame, 8, checksum[1]);
            out.write(frame, 0, p);
        }
    }

    /** Decodes a request body made of compressed blocks. */
    static byte[] read(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 2);
        int pos = 0;
        while (pos < in.length) {
            if (in.length - pos < CHECKSUM + HEADER) {
                throw new ChdbException(432, "Code: 432. DB::Exception: Truncated compressed block. (UNKNOWN_CODEC)");
            }
            int method = in[pos + CHECKSUM] & 0xff;
            int compressed = getInt(in, pos + CHECKSUM + 1);
            int size = getInt(in, pos + CHECKSUM + 5);
            if (compressed < HEADER || pos + CHECKSUM + compressed > in.length || size < 0) {
                throw new ChdbException(271, "Code: 271. DB::Exception: Cannot decompress: bad block sizes. (CANNOT_DECOMPRESS)");
            }
            long[] checksum = CityHash128.hash(in, pos + CHECKSUM, compressed);
            if (checksum[0] != getLong(in, pos) || checksum[1] != getLong(in, pos + 8)) {
                throw new ChdbException(40, "Code: 40. DB::Exception: Checksum doesn't match: corrupted data. (CHECKSUM_DOESNT_MATCH)");
            }
            int payload = pos + CHECKSUM + HEADER;
            int payloadEnd = pos + CHECKSUM + compressed;
            if (method == METHOD_LZ4) {
                byte[] block = new byte[size];
                lz4Decompress(in, payload, payloadEnd, block);
                out.writeBytes(block);
            } else if (method == METHOD_NONE) {
                out.write(in, payload, payloadEnd - payload);
            } else {
                throw new ChdbException(432, "Code: 432. DB::Exception: Unknown codec family code: " + method
                        + ". (UNKNOWN_CODEC)");
            }
            pos = payloadEnd;
        }
        return out.toByteArray();
    }

    private static void lz4Decompress(byte[] src, int pos, int end, byte[] dst) {
        int d = 0;
        try {
            while (pos < end) {
                int token = src[pos++] & 0xff;
                int literals = token >>> 4;
                if (literals == 15) {
                    int b;
                    do {
                        b = src[pos++] & 0xff;
                        literals += b;
                    } while (b == 255);
                }
                System.arraycopy(src, pos, dst, d, literals);
                pos += literals;
                d += literals;
                if (pos >= end) {
                    break;
                }
                int offset = (src[pos] & 0xff) | (src[pos + 1] & 0xff) << 8;
                pos += 2;
                int match = token & 0x0f;
                if (match == 15) {
                    int b;
                    do {
                        b = src[pos++] & 0xff;
                        match += b;
                    } while (b == 255);
                }
                match += 4;
                if (offset == 0 || offset > d) {
                    throw new IndexOutOfBoundsException("match offset " + offset);
                }
                // byte by byte: a match may overlap the bytes it produces
                for (int from = d - offset, stop = d + match; d < stop; ) {
                    dst[d++] = dst[from++];
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new ChdbException(271, "Code: 271. DB::Exception: Cannot decompress LZ4 block. (CANNOT_DECOMPRESS)");
        }
        if (d != dst.length) {
            throw new ChdbException(271, "Code: 271. DB::Exception: LZ4 block has the wrong size. (CANNOT_DECOMPRESS)");
        }
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    private static void putLong(byte[] b, int p, long v) {
        putInt(b, p, (int) v);
        putInt(b, p + 4, (int) (v >>> 32));
    }

    private static int getInt(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static long getLong(byte[] b, int p) {
        return (getInt(b, p) & 0xffffffffL) | (long) getInt(b, p + 4) << 32;
    }
}
