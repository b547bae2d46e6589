package io.confidencegateway.confidence;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The signals outside CDI (the evaluation tool): every concrete {@link ConfidenceSignal} with a no-argument
 * constructor in the {@code signals} package. It finds the same classes CDI collects with {@code @All}, so a new
 * signal needs no registration anywhere; a test keeps the two views equal.
 */
public final class SignalCatalog {

    private static final String PACKAGE = ConfidenceSignal.class.getPackageName() + ".signals";

    private SignalCatalog() {
    }

    public static List<ConfidenceSignal> discover() {
        List<String> classNames = new ArrayList<>();
        String path = PACKAGE.replace('.', '/');
        try {
            for (URL url : Collections.list(SignalCatalog.class.getClassLoader().getResources(path))) {
                if ("jar".equals(url.getProtocol())) {
                    try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String name = entry.getName();
                            if (name.startsWith(path + "/") && name.indexOf('/', path.length() + 1) < 0) {
                                addClass(classNames, name.substring(path.length() + 1));
                            }
                        }
                    }
                } else {
                    String[] files = new File(url.toURI()).list();
                    for (String file : files == null ? new String[0] : files) {
                        addClass(classNames, file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ConfidenceSignal> signals = new ArrayList<>();
        for (String className : classNames.stream().distinct().sorted().toList()) {
            instantiate(PACKAGE + "." + className, signals);
        }
        return signals;
    }

    private static void addClass(List<String> out, String file) {
        if (file.endsWith(".class") && !file.contains("$")) {
            out.add(file.substring(0, file.length() - ".class".length()));
        }
    }

    private static void instantiate(String className, List<ConfidenceSignal> out) {
        try {
            Class<?> type = Class.forName(className);
            if (ConfidenceSignal.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                out.add((ConfidenceSignal) type.getDeclaredConstructor().newInstance());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("signal " + className + " needs a public no-argument constructor", e);
        }
    }
}
