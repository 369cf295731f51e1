package io.veriscore.app.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.plugin.PluginLoader;
import io.veriscore.app.plugin.PluginsConfig;
import io.veriscore.spi.ModelPluginFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The plugins found at start-up, each with its ONNX session; start-up fails on a bad plugin. */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Map<String, LoadedModel> models = new TreeMap<>();

    ModelRegistry(PluginsConfig pluginsConfig, OnnxConfig onnxConfig, ObjectMapper mapper) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        ClassLoader classPath = Thread.currentThread().getContextClassLoader();
        for (ModelPluginFactory factory : PluginLoader.discover(classPath, pluginsConfig.directory())) {
            if (models.containsKey(factory.id())) {
                throw new IllegalStateException("two plugins have the id " + factory.id());
            }
            LoadedModel model = LoadedModel.load(factory, environment, onnxConfig.intraOpThreads(), mapper);
            models.put(factory.id(), model);
            LOG.infof("Loaded plugin %s %s (model %s)", factory.id(), model.descriptor().version(),
                    model.descriptor().model().sha256());
        }
    }

    public LoadedModel get(String id) {
        return find(id).orElseThrow(() -> VeriscoreException.notFound("no model with id '" + id + "'; known models: " + ids()));
    }

    /** The model a request names in its {@code model} field; an unknown one makes the request unprocessable. */
    public LoadedModel requested(String id) {
        return find(id).orElseThrow(() -> VeriscoreException.unprocessable("unknown model '" + id + "'; known models: " + ids(),
                List.of(new VeriscoreException.FieldError("/model", "no such model"))));
    }

    public Optional<LoadedModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** The model {@code id} if it is still the very model that has this SHA-256 (a stored result's, say). */
    public Optional<LoadedModel> find(String id, String sha256) {
        return find(id).filter(model -> model.descriptor().model().sha256().equals(sha256));
    }

    /** The models that score a face found in an image. */
    public List<String> faceScanIds() {
        return models.values().stream().filter(model -> model.faceScanModel().isPresent())
                .map(model -> model.descriptor().id()).toList();
    }

    public Set<String> ids() {
        return Collections.unmodifiableSet(models.keySet());
    }

    public Collection<LoadedModel> all() {
        return Collections.unmodifiableCollection(models.values());
    }

    @PreDestroy
    void close() {
        for (LoadedModel model : models.values()) {
            try {
                model.close();
            } catch (OrtException e) {
                LOG.warnf(e, "Could not close the session of %s", model.descriptor().id());
            }
        }
    }
}
