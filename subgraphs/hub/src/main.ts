import { runSubgraph } from '@kyodo/kit';
import { defineHub } from './hub';

void runSubgraph(defineHub());
