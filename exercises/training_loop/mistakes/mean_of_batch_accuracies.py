"""Wrong variant: evaluate averages the per-batch accuracies."""
import torch


def train_step(model, inputs, labels, optimizer, loss_fn):
    optimizer.zero_grad()                 # backward() adds into .grad: clear last step's gradients
    outputs = model(inputs)
    loss = loss_fn(outputs, labels)
    loss.backward()
    optimizer.step()
    return loss.item()                    # a float: keeping the tensor would keep its graph alive


def evaluate(model, loader):
    was_training = model.training
    model.eval()                          # dropout off, batch norm on its running statistics
    accuracies = []
    with torch.no_grad():                 # no graph: nothing will call backward()
        for inputs, labels in loader:
            predicted = model(inputs).argmax(dim=1)
            accuracies.append((predicted == labels).float().mean().item())
    model.train(was_training)
    return sum(accuracies) / len(accuracies)
