"""Wrong variant: evaluate returns a percentage."""
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
    correct = total = 0
    with torch.no_grad():                 # no graph: nothing will call backward()
        for inputs, labels in loader:
            predicted = model(inputs).argmax(dim=1)
            correct += (predicted == labels).sum().item()
            total += labels.shape[0]
    model.train(was_training)
    return 100.0 * correct / total
