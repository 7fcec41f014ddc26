package dev.compressor.examples.settings;

/**
 * Thrown when a setting does not apply to a network: Han et al.'s VGG-16 densities on a network
 * without VGG-16's layer names, or channel pruning that finds no channel it may remove. The cell is
 * then recorded as not applicable (the same way in both tiers), neither measured nor failed.
 */
public final class SettingNotApplicable extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the reason.
     *
     * @param reason why the setting does not apply
     */
    SettingNotApplicable(String reason) {
        super(reason);
    }

    /**
     * Throws when a channel-pruning setting removed nothing: the "compressed" network is the fp32 one.
     *
     * @param setting the setting
     * @param before parameters of the network before compression
     * @param after parameters of the network the compression returned
     * @throws SettingNotApplicable if the setting prunes channels and the parameter count is unchanged
     */
    public static void checkRemovedSomething(Setting setting, long before, long after) {
        if ((setting.oneShot() == Setting.CHANNEL25 || setting.oneShot() == Setting.CHANNEL50) && before == after) {
            throw new SettingNotApplicable(setting.id() + " found no channel it may remove in this network ("
                    + before + " parameters before and after): structured pruning removes convolution filters and "
                    + "dense units, and layers such as embeddings, LSTMs and attention have none it can remove");
        }
    }

    /**
     * The reason a setting does not apply, if a throwable or one of its causes says so.
     *
     * @param e what a cell threw
     * @return the reason, or null when the throwable is a real failure
     */
    public static String reasonIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SettingNotApplicable) {
                return t.getMessage();
            }
        }
        return null;
    }
}
