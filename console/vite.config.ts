import { defineConfig } from "vite";

// Built into the jar's META-INF/resources, which Quarkus serves at "/"; nothing is fetched at run time.
export default defineConfig({
  base: "/",
  build: {
    outDir: process.env.CONSOLE_OUT ?? "target/classes/META-INF/resources",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
