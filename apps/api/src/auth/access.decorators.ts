import { SetMetadata } from '@nestjs/common';
import type { Role } from '../config/app-config';

export const REQUIRED_ROLE = 'entente:required-role';
export const PUBLIC_ROUTE = 'entente:public-route';

/** The least role a route needs; every route needs at least `reader` unless public. */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** Open without a key: health and the API documentation. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

export const SESSION_RENEWAL = 'entente:session-renewal';

/**
 * A session cookie also opens this non-GET route: only the renewal of that very session, which a
 * SameSite=Strict cookie keeps to the page's own origin.
 */
export const AcceptsSessionRenewal = () => SetMetadata(SESSION_RENEWAL, true);
