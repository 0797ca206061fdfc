package uk.contactpoint.linkage;

/** An open-addressing set of longs (no boxing on the comparison path). Zero cannot be stored. */
final class LongSet implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private long[] slots = new long[1024];
    private int size;

    void add(long value) {
        if (value == 0) {
            throw new IllegalArgumentException("zero");
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) Text.mix(value) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
    }

    boolean contains(long value) {
        int mask = slots.length - 1;
        int i = (int) Text.mix(value) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                add(v);
            }
        }
    }
}
