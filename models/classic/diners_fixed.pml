/* Dining philosophers, even ones taking the left fork first: no deadlock.
   One Promela statement per FSP action (compare with spin -o3, pan -DNOREDUCE). */
#ifndef N
#define N 5
#endif

#define LEFT   (_pid)
#define RIGHT  ((_pid + 1) % N)
#define FIRST  (_pid % 2 == 0 -> LEFT : RIGHT)
#define SECOND (_pid % 2 == 0 -> RIGHT : LEFT)

bit fork[N];

active [N] proctype phil() {
  do
  :: skip;                                             /* sitdown */
     d_step { fork[FIRST] == 0 -> fork[FIRST] = 1 }    /* first fork get */
     d_step { fork[SECOND] == 0 -> fork[SECOND] = 1 }  /* second fork get */
     skip;                                             /* eat */
     fork[LEFT] = 0;                                   /* left.put */
     fork[RIGHT] = 0;                                  /* right.put */
     skip                                              /* arise */
  od
}
