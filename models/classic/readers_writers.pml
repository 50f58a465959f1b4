/* Readers and writers sharing a lock: many readers or one writer. */
#define NREAD 2
#define NWRITE 2

byte readers;
bit writing;

active [NREAD] proctype reader() {
  do
  :: d_step { writing == 0 && readers < NREAD -> readers++ }    /* acquireRead */
     assert(writing == 0);                                       /* examine */
     d_step { readers-- }                                        /* releaseRead */
  od
}

active [NWRITE] proctype writer() {
  do
  :: d_step { readers == 0 && writing == 0 -> writing = 1 }     /* acquireWrite */
     assert(readers == 0);                                       /* modify */
     writing = 0                                                 /* releaseWrite */
  od
}
