package com.xiaoneng.streaming.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.Channel;
import com.xiaoneng.streaming.testing.CaseStory;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint taken before CaseState became a subclass of {@link com.xiaoneng.events.CaseFacts} (commit
 * 4c32186) restores: the keyed state "case" serializer snapshot written then (resource
 * state-snapshots/case-state-before-case-facts.txt) resolves against today's serializer as Flink's state
 * backends do on restore, and values written then read back with every field they had.
 */
class CaseStateRestoreTest {
    private static final String RESOURCE = "/state-snapshots/case-state-before-case-facts.txt";
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private record Expected(String field, String type, String value) {
    }

    private static byte[] oldSnapshot;
    private static final Map<String, byte[]> oldValues = new LinkedHashMap<>();
    private static final Map<String, List<Expected>> expected = new LinkedHashMap<>();

    @BeforeAll
    static void readResource() throws IOException {
        try (InputStream in = CaseStateRestoreTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split(" ", 3);
                switch (words[0]) {
                    case "snapshot" -> oldSnapshot = Base64.getDecoder().decode(words[1]);
                    case "value" -> oldValues.put(words[1], Base64.getDecoder().decode(words[2]));
                    case "expect" -> {
                        // expect <name> <field> <type> = <value>
                        String[] rest = words[2].split(" ", 3);
                        String value = rest[2].substring("= ".length());
                        expected.computeIfAbsent(words[1], k -> new ArrayList<>())
                                .add(new Expected(rest[0], rest[1], value));
                    }
                    default -> throw new IllegalStateException("unexpected line: " + line);
                }
            }
        }
        assertThat(oldSnapshot).isNotNull();
        assertThat(oldValues.keySet()).containsExactly("full", "notAccepted", "revoked", "reinstated", "fresh", "empty");
        assertThat(expected.keySet()).isEqualTo(oldValues.keySet());
    }

    /** The serializer the job creates for the descriptor {@code ValueStateDescriptor<>("case", TypeInformation.of(CaseState.class))}. */
    private static TypeSerializer<CaseState> currentSerializer() {
        return TypeInformation.of(CaseState.class).createSerializer(new SerializerConfigImpl());
    }

    private static TypeSerializerSnapshot<CaseState> restoredSnapshot() throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(oldSnapshot),
                CaseStateRestoreTest.class.getClassLoader());
    }

    @Test
    void theOldSnapshotIsAPojoSnapshotAndResolvesCompatibleAfterMigration() throws IOException {
        TypeSerializer<CaseState> current = currentSerializer();
        assertThat(current).isInstanceOf(PojoSerializer.class);
        TypeSerializerSnapshot<CaseState> old = restoredSnapshot();
        assertThat(old.getClass().getName())
                .isEqualTo("org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot");
        assertThat(old.restoreSerializer()).isInstanceOf(PojoSerializer.class);

        // as the state backends do on restore (StateSerializerProvider#registerNewSerializerForRestoredState)
        TypeSerializerSchemaCompatibility<CaseState> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isIncompatible()).as(compatibility.toString()).isFalse();
        // CaseFacts brought fields the old state did not have (revokedAutomatically, reinstatedAt, lastFactAt):
        // the old bytes are read with the old serializer and rewritten with the new one
        assertThat(compatibility.isCompatibleAfterMigration()).as(compatibility.toString()).isTrue();
    }

    @Test
    void everyOldValueMigratesWithAllItsFields() throws Exception {
        TypeSerializer<CaseState> restored = restoredSnapshot().restoreSerializer();
        TypeSerializer<CaseState> current = currentSerializer();

        for (Map.Entry<String, byte[]> entry : oldValues.entrySet()) {
            String name = entry.getKey();
            DataInputDeserializer in = new DataInputDeserializer(entry.getValue());
            CaseState read = restored.deserialize(in);
            assertThat(in.available()).as(name + ": bytes left after reading").isZero();
            assertThat(read).as(name).isExactlyInstanceOf(CaseState.class);

            // migration: rewrite with the current serializer, as the next checkpoint (or RocksDB's migration) will
            DataOutputSerializer out = new DataOutputSerializer(1024);
            current.serialize(read, out);
            CaseState migrated = current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

            assertFields(name, read);
            assertFields(name, migrated);
        }
    }

    private static void assertFields(String name, CaseState state) throws IllegalAccessException {
        Set<String> old = new HashSet<>();
        for (Expected e : expected.get(name)) {
            old.add(e.field());
            Field field = field(e.field());
            assertThat(field).as(name + ": field " + e.field() + " of the old CaseState is gone").isNotNull();
            assertThat(field.getType().getName()).as(name + "." + e.field() + " type").isEqualTo(e.type());
            assertThat(String.valueOf(field.get(state))).as(name + "." + e.field()).isEqualTo(e.value());
        }
        // fields the old state did not have start as a new CaseState has them
        CaseState fresh = new CaseState();
        for (Field field : fields()) {
            if (!old.contains(field.getName())) {
                assertThat(field.get(state)).as(name + "." + field.getName() + " (new field)").isEqualTo(field.get(fresh));
            }
        }
    }

    @Test
    void aMigratedStateKeepsFolding() throws Exception {
        TypeSerializer<CaseState> restored = restoredSnapshot().restoreSerializer();

        CaseState fresh = restored.deserialize(new DataInputDeserializer(oldValues.get("fresh")));
        CaseStory freshStory = CaseStory.of("case-fresh").submitted(at("2025-03-03", 9), "653101", "650102",
                Channel.HALL, "A-650100-01", "ITEM-007").accepted(at("2025-03-03", 10), 5);
        fresh.apply(freshStory.last(), CALENDAR);
        assertThat(fresh.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(fresh.itemCode).isEqualTo("ITEM-007");
        assertThat(fresh.dueAt).isEqualTo(at("2025-03-11", 0));
        assertThat(fresh.lastSequence).isEqualTo(1);
        assertThat(fresh.lastFactAt).isEqualTo(at("2025-03-03", 10));
        assertThat(fresh.warnable()).isTrue();

        CaseState revoked = restored.deserialize(new DataInputDeserializer(oldValues.get("revoked")));
        CaseStory revokedStory = CaseStory.of("case-revoked").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3).revoked(at("2025-03-07", 0))
                .reinstated(at("2025-03-06", 16));
        revokedStory.events().subList(3, 5).forEach(event -> revoked.apply(event, CALENDAR));
        assertThat(revoked.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(revoked.revokedAt).isNull();
        assertThat(revoked.reinstatedAt).isEqualTo(at("2025-03-06", 16));
        assertThat(revoked.correctedAt).isEqualTo(at("2025-03-06", 16));
        assertThat(revoked.changedAt).isEqualTo(1_741_300_000_000L);
        assertThat(revoked.lastSequence).isEqualTo(4);
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = CaseState.class; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Field field(String name) {
        return fields().stream().filter(f -> Objects.equals(f.getName(), name)).findFirst().orElse(null);
    }
}
