package dev.compressor.jetson.ina3221;

/** How a kernel exposes an INA3221 in sysfs. */
public enum Ina3221Layout {
    /**
     * JetPack 4 and earlier, driver {@code ina3221x}: {@code iio:deviceN/} with {@code rail_name_K},
     * {@code in_powerK_input} (mW), {@code in_currentK_input} (mA), {@code in_voltageK_input} (mV), K = 0..2.
     */
    IIO,
    /**
     * JetPack 5 and later, driver {@code ina3221}: {@code hwmon/hwmonN/} with {@code inK_label},
     * {@code inK_input} (bus voltage, mV) and {@code currK_input} (mA), K = 1..3; power is mV x mA / 1000.
     */
    HWMON
}
