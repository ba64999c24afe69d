import { Global, Module } from '@nestjs/common';
import { ApiKeyStore } from './api-key.store';

@Global()
@Module({
  providers: [ApiKeyStore],
  exports: [ApiKeyStore],
})
export class AuthModule {}
