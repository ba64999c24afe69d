import { ApiResponse } from '@nestjs/swagger';
import { ref } from './schema-builders';

/** A JSON answer of the route, by the name of its schema among the document's components. */
export function ApiAnswer(status: 200 | 201 | 202 | 503, schema: string, description: string) {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: ref(schema) } },
  });
}
