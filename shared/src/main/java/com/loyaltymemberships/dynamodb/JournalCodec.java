package com.loyaltymemberships.dynamodb;

import com.loyaltymemberships.idempotency.IdempotencyStore;
import com.loyaltymemberships.membership.Membership;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ItemWrite}s as a journal keeps them, so that recovery rebuilds the writes the request planned. Only what
 * applying or releasing them needs: a new or replaced membership's own fields and version ({@link
 * MembershipTable#ownFields}; its keys are computed again when it is written), the version a replaced one was read
 * at, a pointer's move, a kept answer. Each write is a map; a part's maps are one gzip'd binary ({@link #pack}).
 *
 * <p>The release before this one kept each write's whole items, and a replaced membership's whole item before as well,
 * as a list of maps ({@link #decodeList}): a journal it left behind when it was replaced (an upgrade meeting a write
 * that died) is still read.
 */
final class JournalCodec {

    /** An attribute kept as the DynamoDB value it is. */
    static final AttributeConverter<AttributeValue> RAW = new AttributeConverter<>() {
        @Override
        public AttributeValue transformFrom(AttributeValue input) {
            return input;
        }

        @Override
        public AttributeValue transformTo(AttributeValue input) {
            return input;
        }

        @Override
        public EnhancedType<AttributeValue> type() {
            return EnhancedType.of(AttributeValue.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.L;
        }
    };

    private JournalCodec() {}

    /** The writes of a part, gzip'd. */
    static SdkBytes pack(List<ItemWrite> writes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new Gzip(bytes))) {
            Values.write(
                    out,
                    AttributeValue.fromL(
                            writes.stream().map(JournalCodec::encode).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArrayUnsafe(bytes.toByteArray());
    }

    /** Gzip at its best compression: a part is compressed once, and read back only by recovery. */
    private static final class Gzip extends GZIPOutputStream {
        Gzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    static List<ItemWrite> unpack(SdkBytes packed) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(packed.asInputStream()))) {
            return decodeList(Values.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("a journal part that cannot be read", e);
        }
    }

    /** A list of writes as maps: what {@link #pack} compresses, and what the previous release stored as it was. */
    static List<ItemWrite> decodeList(AttributeValue writes) {
        return writes.l().stream().map(w -> decode(w.m())).toList();
    }

    private static AttributeValue encode(ItemWrite write) {
        Map<String, AttributeValue> map = new HashMap<>();
        if (write instanceof ItemWrite.Create c) {
            map.put("T", AttributeValue.fromS("Create"));
            map.put("After", AttributeValue.fromM(MembershipTable.ownFields(c.after())));
        } else if (write instanceof ItemWrite.Replace r) {
            map.put("T", AttributeValue.fromS("Replace"));
            map.put("ReadVersion", AttributeValue.fromN(Long.toString(r.readVersion())));
            map.put("After", AttributeValue.fromM(MembershipTable.ownFields(r.after())));
        } else if (write instanceof ItemWrite.Point p) {
            map.put("T", AttributeValue.fromS("Point"));
            map.put("ChainId", AttributeValue.fromS(p.chainId().toString()));
            map.put("AccountId", AttributeValue.fromS(p.accountId().toString()));
            p.from().ifPresent(id -> map.put("From", AttributeValue.fromS(id.toString())));
            p.to().ifPresent(id -> map.put("To", AttributeValue.fromS(id.toString())));
        } else {
            map.put("T", AttributeValue.fromS("Keep"));
            map.put(
                    "Entry",
                    AttributeValue.fromM(IdempotencyRepository.schema()
                            .itemToMap(IdempotencyRepository.Entry.of(((ItemWrite.Keep) write).receipt()), true)));
        }
        return AttributeValue.fromM(map);
    }

    private static ItemWrite decode(Map<String, AttributeValue> map) {
        switch (map.get("T").s()) {
            case "Create":
                return new ItemWrite.Create(membership(map.get("After")));
            case "Replace":
                // The previous release kept the whole item read ("Before"); only its version conditions anything.
                long readVersion = map.containsKey("ReadVersion")
                        ? Long.parseLong(map.get("ReadVersion").n())
                        : membership(map.get("Before")).version();
                return new ItemWrite.Replace(readVersion, membership(map.get("After")));
            case "Point":
                return new ItemWrite.Point(
                        UUID.fromString(map.get("ChainId").s()),
                        UUID.fromString(map.get("AccountId").s()),
                        id(map.get("From")),
                        id(map.get("To")));
            case "Keep":
                IdempotencyRepository.Entry entry = IdempotencyRepository.schema()
                        .mapToItem(map.get("Entry").m());
                return new ItemWrite.Keep(((IdempotencyStore.Answered) entry.held()).receipt());
            default:
                throw new IllegalStateException("unknown journal entry " + map.get("T"));
        }
    }

    /** Read from its own fields (the new format) or its whole item (the previous one): the keys are ignored either way. */
    private static Membership membership(AttributeValue value) {
        return MembershipTable.SCHEMA.mapToItem(value.m());
    }

    private static Optional<UUID> id(AttributeValue value) {
        return Optional.ofNullable(value).map(v -> UUID.fromString(v.s()));
    }

    /**
     * DynamoDB values as bytes, each a type tag and its content: the kinds a journal's maps hold (text, numbers,
     * binaries, booleans, null, maps and lists). Any other is refused when the journal is written, before anything else.
     */
    private static final class Values {

        private Values() {}

        static void write(DataOutputStream out, AttributeValue value) throws IOException {
            switch (value.type()) {
                case S -> {
                    Optional<UUID> uuid = uuid(value.s());
                    if (uuid.isPresent()) {
                        out.writeByte('U');
                        out.writeLong(uuid.get().getMostSignificantBits());
                        out.writeLong(uuid.get().getLeastSignificantBits());
                    } else {
                        text(out, 'S', value.s());
                    }
                }
                case N -> text(out, 'N', value.n());
                case B -> {
                    byte[] bytes = value.b().asByteArrayUnsafe();
                    out.writeByte('B');
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
                case BOOL -> {
                    out.writeByte('?');
                    out.writeBoolean(value.bool());
                }
                case NUL -> out.writeByte('0');
                case M -> {
                    out.writeByte('M');
                    out.writeInt(value.m().size());
                    for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                        string(out, entry.getKey());
                        write(out, entry.getValue());
                    }
                }
                case L -> {
                    out.writeByte('L');
                    out.writeInt(value.l().size());
                    for (AttributeValue element : value.l()) {
                        write(out, element);
                    }
                }
                default -> throw new IllegalArgumentException("a journal keeps no " + value.type() + " value");
            }
        }

        static AttributeValue read(DataInputStream in) throws IOException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 'S':
                    return AttributeValue.fromS(string(in));
                case 'U':
                    return AttributeValue.fromS(new UUID(in.readLong(), in.readLong()).toString());
                case 'N':
                    return AttributeValue.fromN(string(in));
                case 'B':
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes));
                case '?':
                    return AttributeValue.fromBool(in.readBoolean());
                case '0':
                    return AttributeValue.fromNul(true);
                case 'M':
                    int entries = in.readInt();
                    Map<String, AttributeValue> map = new HashMap<>();
                    for (int i = 0; i < entries; i++) {
                        String name = string(in);
                        map.put(name, read(in));
                    }
                    return AttributeValue.fromM(map);
                case 'L':
                    int size = in.readInt();
                    List<AttributeValue> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(read(in));
                    }
                    return AttributeValue.fromL(list);
                default:
                    throw new IOException("unknown value tag " + tag);
            }
        }

        /**
         * A text that is a UUID as {@link UUID#toString} writes it, which reads back the same: Ids are most of what a
         * part holds that does not compress, and as 16 bytes they are less than half their text.
         */
        private static Optional<UUID> uuid(String text) {
            if (text.length() != 36) {
                return Optional.empty();
            }
            try {
                UUID uuid = UUID.fromString(text);
                return uuid.toString().equals(text) ? Optional.of(uuid) : Optional.empty();
            } catch (IllegalArgumentException notOne) {
                return Optional.empty();
            }
        }

        private static void text(DataOutputStream out, char tag, String text) throws IOException {
            out.writeByte(tag);
            string(out, text);
        }

        /** Length and UTF-8: {@link DataOutputStream#writeUTF} stops at 64 KB, which a kept answer can pass. */
        private static void string(DataOutputStream out, String text) throws IOException {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        private static String string(DataInputStream in) throws IOException {
            byte[] utf8 = new byte[in.readInt()];
            in.readFully(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }
}
