import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';
import { runService } from '@rideshare/service-kit';
import { service } from './service';

exitUnlessSupportedRuntime(service.name);
runService(service);
