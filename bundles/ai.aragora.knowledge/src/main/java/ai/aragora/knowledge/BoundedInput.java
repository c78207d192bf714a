package ai.aragora.knowledge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a given number of bytes and fails, rather than stops, past it: a cut file would pass for a short one. */
final class BoundedInput extends FilterInputStream {

    /** More bytes than allowed. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long max;
    private long read;

    BoundedInput(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > max) {
            throw new TooLarge("the file is larger than the " + (max >= 1 << 20 ? (max >> 20) + " MB" : max + " bytes")
                    + " an import may be (import.max.megabytes)");
        }
    }
}
