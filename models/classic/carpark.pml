/* Car park with N spaces. */
#define N 4

byte spaces = N;

active proctype arrivals() {
  do
  :: d_step { spaces > 0 -> spaces--; assert(N - spaces <= N) }  /* arrive */
  od
}

active proctype departures() {
  do
  :: d_step { spaces < N -> spaces++ }                            /* depart */
  od
}
