package com.xiaoneng.chdb;

import com.clickhouse.data.ClickHouseCityHash;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeCompressionTest {

    @Test
    void cityHashMatchesTheDriversImplementation() {
        Random random = new Random(7);
        byte[] data = new byte[3000];
        random.nextBytes(data);
        for (int len = 0; len <= 600; len++) {
            assertThat(CityHash128.hash(data, 5, len)).as("length %d", len)
                    .containsExactly(ClickHouseCityHash.cityHash128(data, 5, len));
        }
        assertThat(CityHash128.hash(data, 0, data.length)).containsExactly(ClickHouseCityHash.cityHash128(data, 0, data.length));
    }

    @Test
    void roundTripsOverSeveralBlocks() throws IOException {
        byte[] data = new byte[(1 << 20) * 2 + 12345];
        new Random(1).nextBytes(data);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        NativeCompression.write(data, framed);
        assertThat(NativeCompression.read(framed.toByteArray())).isEqualTo(data);
    }

    @Test
    void readsRealLz4BlocksAsTheDriverWritesThem() {
        byte[] data = "abcabcabcabc-ClickHouse-ClickHouse-ClickHouse-".repeat(500).getBytes();
        LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().fastCompressor();
        byte[] compressed = lz4.compress(data);
        ByteBuffer block = ByteBuffer.allocate(16 + 9 + compressed.length).order(ByteOrder.LITTLE_ENDIAN);
        block.position(16);
        block.put((byte) 0x82).putInt(9 + compressed.length).putInt(data.length).put(compressed);
        byte[] bytes = block.array();
        long[] checksum = ClickHouseCityHash.cityHash128(bytes, 16, 9 + compressed.length);
        block.putLong(0, checksum[0]).putLong(8, checksum[1]);
        assertThat(NativeCompression.read(bytes)).isEqualTo(data);

        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> NativeCompression.read(bytes)).isInstanceOf(ChdbException.class)
                .hasMessageContaining("CHECKSUM_DOESNT_MATCH");
    }
}
