import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API, tiles, style and glyphs come from `npm run dev:server` (port 8080).
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: Object.fromEntries(['/api', '/tiles', '/style.json', '/glyphs'].map((p) => [p, api]))
  }
});
