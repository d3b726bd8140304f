# exercise: cross_entropy
# expect: fail
# stage: forbidden
# torch._log_softmax, the private kernel.
import torch


def cross_entropy(logits, target):
    log_probs = torch._log_softmax(logits, 1, False)
    return -log_probs[torch.arange(logits.shape[0]), target].mean()
