package dev.compressor.api.testdata;

import com.google.common.base.Ticker;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Fake {@link Ticker}s for tests ({@code Ticker} is an abstract class, so it takes no lambda). */
public final class Tickers {

    private Tickers() {
    }

    /**
     * A ticker that reads the given source, for example {@code clock::get} on an {@code AtomicLong}.
     *
     * @param nanos the time in nanoseconds, read on every {@link Ticker#read()}
     * @return the ticker; as thread-safe as the source
     */
    public static Ticker of(LongSupplier nanos) {
        Objects.requireNonNull(nanos, "nanos");
        return new Ticker() {
            @Override
            public long read() {
                return nanos.getAsLong();
            }
        };
    }
}
