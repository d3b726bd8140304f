"""The grader: isolated, staged checks with diagnostics that teach.

`tutor.grading.engine` (imports torch) does the work; `tutor.grading.client` (no torch) talks
to a warm grading service; `tutor.grading.result` holds the contract-shaped results.
"""
