/* Bounded buffer of capacity N between a producer and a consumer. */
#define N 3

byte count;

active proctype producer() {
  do
  :: skip;                                               /* produce */
     d_step { count < N -> count++; assert(count <= N) } /* put */
  od
}

active proctype consumer() {
  do
  :: d_step { count > 0 -> count-- }                     /* get */
     skip                                                /* consume */
  od
}
