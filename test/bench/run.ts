/** Runs every benchmark in turn: `npm run bench` (which builds the renderer first). */
await import('./import.ts');
await import('./reader.ts');
await import('./delivery.ts');
await import('./search.ts');
await import('./ocr.ts');
await import('./linking.ts');
await import('./articles.ts');
await import('./serve-load.ts');
await import('./integrity.ts');
