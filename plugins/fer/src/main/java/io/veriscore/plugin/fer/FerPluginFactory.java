package io.veriscore.plugin.fer;

import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;

public final class FerPluginFactory implements ModelPluginFactory {

    @Override
    public String id() {
        return FerPlugin.ID;
    }

    @Override
    public ModelPlugin create() {
        return new FerPlugin();
    }
}
