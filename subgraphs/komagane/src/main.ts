import { defineCity, runSubgraph } from '@kyodo/kit';
import { manifest } from './manifest';

void runSubgraph(defineCity(manifest));
