import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('./src/web', import.meta.url));

// Two single-page apps share one build so their common chunks (React, Mantine) are cached once:
// the staff console at /console/ and the public portal served at /<agency-slug>/.
export default defineConfig({
  root: web,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        console: `${web}/console/index.html`,
        portal: `${web}/portal/index.html`,
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
