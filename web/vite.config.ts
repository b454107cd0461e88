import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The web UI: built into web/dist and served by the Hono server (`npm start`). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { "/api": "http://localhost:3000", "/health": "http://localhost:3000" } },
});
