/* Peterson's mutual exclusion for two processes (I = _pid + 1). */
#define I (_pid + 1)
#define J (2 - _pid)

bit flag[3];
byte turn = 1;
byte critical;

active [2] proctype proc() {
  do
  :: flag[I] = 1;                                  /* flag[I].write[1] */
     turn = J;                                     /* turn.write[J] */
wait:
     if
     :: flag[J] == 0                               /* flag[J].read[0] */
     :: flag[J] == 1 ->                            /* flag[J].read[1] */
        if
        :: turn == I                               /* turn.read[I] */
        :: turn == J -> goto wait                  /* turn.read[J] */
        fi
     fi;
     d_step { critical++; assert(critical == 1) }  /* enter[I] */
     critical--;                                   /* exit[I] */
     flag[I] = 0                                   /* flag[I].write[0] */
  od
}
