/* Broken mutual exclusion: check the other's flag, then raise one's own. */
#define I (_pid + 1)
#define J (2 - _pid)

bit flag[3];
byte critical;

active [2] proctype proc() {
  do
  :: flag[J] == 0 ->                               /* flag[J].read[0] */
     flag[I] = 1;                                  /* flag[I].write[1] */
     d_step { critical++; assert(critical == 1) }  /* enter[I] */
     critical--;                                   /* exit[I] */
     flag[I] = 0                                   /* flag[I].write[0] */
  :: flag[J] == 1                                  /* flag[J].read[1] */
  od
}
