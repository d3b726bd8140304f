# exercise: cross_entropy
# expect: fail
# stage: forbidden
# The loss module, reached through torch.nn.modules.loss.
import torch


def cross_entropy(logits, target):
    return torch.nn.modules.loss.CrossEntropyLoss()(logits, target)
