# exercise: cross_entropy
# expect: fail
# stage: forbidden
# torch.distributions does the log-softmax inside.
import torch


def cross_entropy(logits, target):
    return -torch.distributions.Categorical(logits=logits).log_prob(target).mean()
