import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * What the API counts, in one Prometheus registry per app (so that two apps in one process, as in tests,
 * never mix their figures). Gauges that are read off the app when scraped are in read-model.metrics.ts.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'entente_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status (a live stream counts when it ends)',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'entente_http_request_duration_seconds',
    help: 'Time from a request arriving to its response ending, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'entente_appends_total',
    help: 'Appends to the event store (one per fact, amendment, registration or batch), by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'entente_appended_events_total',
    help: 'Events stored by successful appends (an idempotent retry stores none but still counts here)',
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'entente_append_duration_seconds',
    help: 'Time an append takes until the store acknowledges it (durable), successful or not',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly rebuilds = new Counter({
    name: 'entente_read_model_rebuilds_total',
    help: 'Rebuilds asked through POST /v1/admin/projections/{name}/rebuild, by read model and outcome (started, completed, failed)',
    labelNames: ['read_model', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'entente_' });
  }
}
