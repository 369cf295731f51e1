package io.veriscore.plugin.biosignal;

import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;

public final class BiosignalPluginFactory implements ModelPluginFactory {

    @Override
    public String id() {
        return BiosignalPlugin.ID;
    }

    @Override
    public ModelPlugin create() {
        return new BiosignalPlugin();
    }
}
