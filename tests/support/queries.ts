/** The widest read there is, shared with the benchmark so that the tests check what it measures. */
export { FULL_CROSS_CITY_QUERY } from '@kyodo/bench/queries';
