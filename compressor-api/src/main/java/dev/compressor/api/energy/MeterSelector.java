package dev.compressor.api.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind {@link EnergyMeters}, with its seams (providers, environment, system
 * properties) passed in so that it can be tested with fakes.
 */
final class MeterSelector {

    private static final Logger LOG = LoggerFactory.getLogger(MeterSelector.class);

    private final Map<String, EnergyMeterProvider> providers = new LinkedHashMap<>();
    private final List<String> loadProblems = new ArrayList<>();
    private final Map<String, String> env;
    private final Properties properties;

    MeterSelector(Iterable<EnergyMeterProvider> providers, Map<String, String> env, Properties properties) {
        this.env = Objects.requireNonNull(env, "env");
        this.properties = Objects.requireNonNull(properties, "properties");
        Iterator<EnergyMeterProvider> it = providers.iterator();
        while (true) {
            EnergyMeterProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                loadProblems.add("a provider failed to load: " + e.getMessage());
                LOG.warn("energy meter provider failed to load", e);
                continue;
            }
            EnergyMeterProvider previous = this.providers.putIfAbsent(p.name(), p);
            if (previous != null) {
                loadProblems.add("two providers are named '" + p.name() + "' (" + previous.getClass().getName()
                        + ", " + p.getClass().getName() + "); the first is used");
            }
        }
    }

    List<ProviderProbe> probeAll() {
        List<ProviderProbe> probes = new ArrayList<>();
        for (EnergyMeterProvider p : providers.values()) {
            probes.add(probe(p));
        }
        probes.sort(Comparator.comparingInt(ProviderProbe::rank).reversed().thenComparing(ProviderProbe::provider));
        return probes;
    }

    private static ProviderProbe probe(EnergyMeterProvider p) {
        try {
            EnergyMeterProvider.Availability a = p.probe();
            return new ProviderProbe(p.name(), p.rank(), a.available(), a.reason());
        } catch (RuntimeException e) {
            return new ProviderProbe(p.name(), p.rank(), false, "probe failed: " + e);
        }
    }

    List<String> available() {
        return probeAll().stream().filter(ProviderProbe::available).map(ProviderProbe::provider).toList();
    }

    Optional<String> override() {
        String fromProperty = properties.getProperty(EnergyMeters.OVERRIDE_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty.trim());
        }
        String fromEnv = env.get(EnergyMeters.OVERRIDE_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
    }

    private String overrideSource() {
        String fromProperty = properties.getProperty(EnergyMeters.OVERRIDE_PROPERTY);
        return fromProperty != null && !fromProperty.isBlank()
                ? "system property " + EnergyMeters.OVERRIDE_PROPERTY
                : "environment variable " + EnergyMeters.OVERRIDE_ENV;
    }

    EnergyMeter byName(String name) throws EnergyMeterException {
        EnergyMeterProvider p = known(name, "");
        ProviderProbe probe = probe(p);
        if (!probe.available()) {
            throw new EnergyMeterException("energy meter '" + name + "' cannot run here: " + probe.reason());
        }
        return p.create();
    }

    private EnergyMeterProvider known(String name, String context) throws EnergyMeterException {
        Objects.requireNonNull(name, "name");
        EnergyMeterProvider p = providers.get(name);
        if (p == null) {
            throw new EnergyMeterException("no energy meter provider named '" + name + "'" + context
                    + "; known: " + providers.keySet() + problems());
        }
        return p;
    }

    MeterChoice best() throws EnergyMeterException {
        List<ProviderProbe> probes = probeAll();
        Optional<String> override = override();
        if (override.isPresent()) {
            String name = override.get();
            String source = overrideSource();
            EnergyMeterProvider p = known(name, " (set by " + source + ")");
            ProviderProbe probe = probes.stream().filter(q -> q.provider().equals(name)).findFirst().orElseThrow();
            if (!probe.available()) {
                throw new EnergyMeterException("energy meter '" + name + "' was requested by " + source
                        + " but cannot run here: " + probe.reason() + "; unset it to choose automatically");
            }
            EnergyMeter meter = p.create();
            return new MeterChoice(meter, name, "chose " + name + " because " + source + " names it; probed: "
                    + describe(probes) + problems(), probes);
        }
        List<String> failures = new ArrayList<>();
        for (ProviderProbe probe : probes) {
            if (!probe.available()) {
                continue;
            }
            try {
                EnergyMeter meter = providers.get(probe.provider()).create();
                String why = "chose " + probe.provider() + " (rank " + probe.rank() + "), the highest-ranked available"
                        + " meter: " + probe.reason() + (failures.isEmpty() ? "" : "; skipped " + String.join("; ", failures))
                        + "; probed: " + describe(probes) + problems();
                LOG.debug("{}", why);
                return new MeterChoice(meter, probe.provider(), why, probes);
            } catch (EnergyMeterException | RuntimeException e) {
                failures.add(probe.provider() + " failed to start: " + e.getMessage());
            }
        }
        throw new EnergyMeterException("no energy meter can run here"
                + (failures.isEmpty() ? "" : "; " + String.join("; ", failures))
                + "; probed: " + (probes.isEmpty() ? "no providers found" : describe(probes)) + problems());
    }

    private static String describe(List<ProviderProbe> probes) {
        return probes.stream().map(ProviderProbe::toString).collect(Collectors.joining("; "));
    }

    private String problems() {
        return loadProblems.isEmpty() ? "" : "; problems: " + String.join("; ", loadProblems);
    }
}
