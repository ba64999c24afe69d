import { Logger, Module } from '@nestjs/common';
import { ServeStaticModule, type ServeStaticModuleOptions } from '@nestjs/serve-static';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AppConfig } from '../config/app-config';

/**
 * The page reads only this origin's API; styles may be inline because the chart library writes its own
 * <style> into each chart. No referrer leaves with a source link, and no site may frame the page.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHeaders(res: Response, path: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (path.includes(`${sep}assets${sep}`)) {
    // Built file names carry a hash of their content.
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', PAGE_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function pageOptions(config: AppConfig): ServeStaticModuleOptions[] {
  if (!existsSync(join(config.webDir, 'index.html'))) {
    new Logger('Web').warn(
      `no page at /: ${config.webDir} holds no built page (npm run build:web builds it)`,
    );
    return [];
  }
  // Registered after the API's routes, so only what no route answers reaches the files; the page
  // keeps its view in the query string, so only / renders it.
  return [{ rootPath: config.webDir, renderPath: '/', serveStaticOptions: { setHeaders } }];
}

/** The timeline page (apps/web, built to WEB_DIR), served as static files at `/`. */
@Module({
  imports: [ServeStaticModule.forRootAsync({ inject: [AppConfig], useFactory: pageOptions })],
})
export class WebModule {}
