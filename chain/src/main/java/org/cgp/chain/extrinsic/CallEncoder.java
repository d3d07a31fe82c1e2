package org.cgp.chain.extrinsic;

import java.util.List;
import org.cgp.chain.internal.metadata.MetadataException;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.TypeDef;
import org.cgp.chain.internal.metadata.ValueCodec;
import org.cgp.chain.internal.scale.ScaleWriter;

/** Encodes calls by pallet and call name, with positional arguments typed by the runtime metadata. */
public final class CallEncoder {
    private final RuntimeMetadata metadata;
    private final ValueCodec codec;

    public CallEncoder(RuntimeMetadata metadata) {
        this.metadata = metadata;
        this.codec = new ValueCodec(metadata.types());
    }

    /** Whether the runtime has {@code pallet.call} at all. */
    public boolean hasCall(String pallet, String call) {
        try {
            metadata.call(pallet, call);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the runtime's {@code pallet.call} has an argument named {@code arg}. */
    public boolean hasArgument(String pallet, String call, String arg) {
        return metadata.call(pallet, call).fields().stream().anyMatch(f -> arg.equals(f.name()));
    }

    public Call encode(String pallet, String call, Object... args) {
        TypeDef.Variant v = metadata.call(pallet, call);
        List<TypeDef.Field> fields = v.fields();
        if (fields.size() != args.length) {
            throw new MetadataException(pallet + "." + call + " takes " + fields.size() + " argument(s) "
                    + fields.stream().map(TypeDef.Field::name).toList() + " in this runtime, got " + args.length);
        }
        ScaleWriter w = new ScaleWriter();
        w.u8(metadata.pallet(pallet).index()).u8(v.index());
        for (int i = 0; i < fields.size(); i++) {
            try {
                codec.encode(fields.get(i).type(), args[i], w);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(pallet + "." + call + " argument " + fields.get(i).name() + ": " + e.getMessage(), e);
            }
        }
        return new Call(pallet, call, w.toByteArray());
    }
}
