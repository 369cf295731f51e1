package io.veriscore.plugin.stress;

import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;

public final class StressMlpPluginFactory implements ModelPluginFactory {

    @Override
    public String id() {
        return StressMlpPlugin.ID;
    }

    @Override
    public ModelPlugin create() {
        return new StressMlpPlugin();
    }
}
