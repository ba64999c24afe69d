import type { Clock } from '@entente/common';
import { Global, Module } from '@nestjs/common';
import { CLOCK } from '../common/clock.providers';
import { AppConfig } from '../config/app-config';
import { ApiKeyStore } from './api-key.store';
import { FailedAuthenticationLimiter } from './failed-authentication.limiter';
import { SessionController } from './session.controller';
import { SessionTokens } from './session-tokens';

@Global()
@Module({
  controllers: [SessionController],
  providers: [
    ApiKeyStore,
    {
      provide: SessionTokens,
      inject: [CLOCK, AppConfig],
      useFactory: (clock: Clock, config: AppConfig) =>
        new SessionTokens(clock, config.sessionTtlSeconds),
    },
    {
      provide: FailedAuthenticationLimiter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new FailedAuthenticationLimiter(config.rateLimit.authFailures, config.rateLimit.windowMs),
    },
  ],
  exports: [ApiKeyStore, SessionTokens, FailedAuthenticationLimiter],
})
export class AuthModule {}
