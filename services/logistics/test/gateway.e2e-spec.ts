import { describeServiceGateway } from '@netdirect/runtime/testing';
import { AppModule } from '../src/app.module';

describeServiceGateway('logistics', AppModule);
