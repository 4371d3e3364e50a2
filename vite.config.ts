import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const web = fileURLToPath(new URL('./src/web', import.meta.url));

// Two single-page apps share one build so their common chunks (React, Mantine) are cached once:
// the staff console at /console/ and the public portal served at /<agency-slug>/.
// `vite build --ssr` builds the portal's server-side renderer (reading pages as plain HTML) into
// dist/ssr as one self-contained file: production installs may leave out the web packages.
export default defineConfig(
  ({ isSsrBuild }): UserConfig =>
    isSsrBuild
      ? {
          root: web,
          base: '/',
          plugins: [react()],
          ssr: { noExternal: true },
          // Bundled in, React must be its production build: the server does not set NODE_ENV.
          define: { 'process.env.NODE_ENV': JSON.stringify('production') },
          build: {
            ssr: true,
            outDir: fileURLToPath(new URL('./dist/ssr', import.meta.url)),
            emptyOutDir: true,
            rollupOptions: {
              input: { 'portal-render': `${web}/portal/ssr/render.tsx` },
              output: { entryFileNames: '[name].js' },
            },
          },
        }
      : {
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
        },
);
