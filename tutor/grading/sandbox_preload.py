"""What the fork-server preloads: the sandbox module, warmed once (see sandbox.warm).

Kept apart from tutor.grading.sandbox so that the grading process, which imports the sandbox
for `execute`, does not pay the warm-up (sympy, torch._dynamo: about 2 s) on a cold check.
"""
from tutor.grading import guards
from tutor.grading.isolation import prepare_forkserver
from tutor.grading.sandbox import warm

warm()
guards.aten_overloads()   # the aten operator list, once (~0.15 s)
guards.alias_index()      # where torch's public callables live, after warm() imported them
prepare_forkserver()  # as root: each child pid 1 of its own pid namespace (tutor.grading.isolation)
