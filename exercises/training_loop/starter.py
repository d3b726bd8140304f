"""The article's training loop, packaged: one optimisation step, and the test-set evaluation.

The grader hands you a model, an optimizer (torch.optim.SGD) and a loss function
(nn.CrossEntropyLoss); use the ones you are given rather than creating your own.
"""
import torch


def train_step(model, inputs, labels, optimizer, loss_fn):
    """Perform exactly one optimisation step on one batch and return its loss.

    Args:
        model:     an nn.Module in training mode, mapping (N, …) inputs to (N, C) logits.
        inputs:    (N, …) a batch of examples.
        labels:    (N,) int64 class indices.
        optimizer: an optimizer over model.parameters(), e.g. torch.optim.SGD(..., momentum=0.9).
        loss_fn:   e.g. nn.CrossEntropyLoss(); loss_fn(outputs, labels) is a 0-dim tensor.

    Returns:
        the loss of this batch *before* the update, as a Python float.

    Called once per batch, as in the article:
        for inputs, labels in trainloader:
            running_loss += train_step(net, inputs, labels, optimizer, criterion)
    """
    raise NotImplementedError


def evaluate(model, loader):
    """Accuracy of model on every example the loader yields, as a fraction in [0, 1].

    Args:
        model:  an nn.Module mapping (N, …) inputs to (N, C) logits. It may arrive in training
                mode (it usually does, straight after training) and may contain dropout or
                batch norm.
        loader: an iterable of (inputs, labels) batches — a DataLoader, or simply a list of
                tuples. Batches can differ in size (the last one is often smaller).

    Returns:
        a Python float: (number of examples whose argmax logit equals the label) / (number of
        examples). The prediction for one example is the index of its largest logit.

    Tiny example: two batches, predictions [2, 0, 1] vs labels [2, 1, 1] and [0] vs [0]
        → 3 correct out of 4 → 0.75
    """
    raise NotImplementedError
