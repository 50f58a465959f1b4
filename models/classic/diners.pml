/* Dining philosophers, each taking the right fork first: deadlocks.
   One Promela statement per FSP action, so the state spaces match state for state
   (verify with pan -DNOREDUCE, spin -o3). fork[i] is 1 while held. */
#ifndef N
#define N 5
#endif

bit fork[N];

active [N] proctype phil() {
  do
  :: skip;                                                      /* sitdown */
     d_step { fork[(_pid + 1) % N] == 0 -> fork[(_pid + 1) % N] = 1 } /* right.get */
     d_step { fork[_pid] == 0 -> fork[_pid] = 1 }               /* left.get */
     skip;                                                      /* eat */
     fork[_pid] = 0;                                            /* left.put */
     fork[(_pid + 1) % N] = 0;                                  /* right.put */
     skip                                                       /* arise */
  od
}
