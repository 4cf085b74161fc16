import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { NETWORK_SERVICE } from './network.definition';

void bootstrapService(AppModule, NETWORK_SERVICE);
