import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ApiKeyStore } from './api-key.store';
import { FailedAuthenticationLimiter } from './failed-authentication.limiter';

@Global()
@Module({
  providers: [
    ApiKeyStore,
    {
      provide: FailedAuthenticationLimiter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new FailedAuthenticationLimiter(config.rateLimit.authFailures, config.rateLimit.windowMs),
    },
  ],
  exports: [ApiKeyStore, FailedAuthenticationLimiter],
})
export class AuthModule {}
