"""The source article's training loop (lesson 10), packaged: one optimisation step, and the test-set evaluation.

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

    Called once per batch, as in lesson 10's loop:
        for inputs, labels in trainloader:
            running_loss += train_step(net, inputs, labels, optimizer, criterion)

    Example (a two-class linear model that starts at zero, plain SGD with lr 1, three steps on
    the same batch):
        >>> model = nn.Linear(2, 2, bias=False)
        >>> _ = nn.init.zeros_(model.weight)
        >>> opt = torch.optim.SGD(model.parameters(), lr=1.0)
        >>> x, y = torch.tensor([[1.0, 0.0], [0.0, 1.0]]), torch.tensor([0, 1])
        >>> [round(train_step(model, x, y, opt, nn.CrossEntropyLoss()), 4) for _ in range(3)]
        [0.6931, 0.4741, 0.3477]
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

    Examples (nn.Identity() passes its inputs through, so the "inputs" below are the logits):
        >>> batches = [(torch.tensor([[0.0, 1.0, 5.0], [3.0, 1.0, 0.0], [0.0, 2.0, 1.0]]), torch.tensor([2, 1, 1])),
        ...            (torch.tensor([[5.0, 4.0, 0.0], [5.0, 0.0, 0.0]]), torch.tensor([0, 0]))]
        >>> evaluate(nn.Identity(), batches)         # predictions [2, 0, 1] and [0, 0]: 4 of 5 right
        0.8
        >>> evaluate(nn.BatchNorm1d(3), batches)     # arrives in training mode; in eval mode it is ≈ the identity
        0.8
    """
    raise NotImplementedError
